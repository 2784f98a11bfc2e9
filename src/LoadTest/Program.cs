using OrleansChat.LoadTest.Cli;

return await LoadTestCommandLine.InvokeAsync(args);
