using OrleansChat.Gateway;

await GatewayApp.Create(new WebApplicationOptions { Args = args }).RunAsync();
