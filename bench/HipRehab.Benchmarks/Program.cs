using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(HipRehab.Benchmarks.PlanBenchmarks).Assembly).Run(args);
