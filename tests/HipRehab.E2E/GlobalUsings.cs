global using Microsoft.Playwright;
global using Xunit;
global using HipRehab.Testing;
