// The load-test tool is specified in issue 8; until then it only explains itself.
Console.Error.WriteLine("OrleansChat.LoadTest: not built yet (see issue 8).");
return 2;
