using OrleansChat.LoadTest.Cli;

return await LoadTestCommandLine.Build().Parse(args).InvokeAsync();
