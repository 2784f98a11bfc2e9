Console.Error.WriteLine("Runtime benchmarks: not built yet.");
return 2;
