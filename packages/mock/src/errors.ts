/**
 * What `startMock` and `createMock` throw when an option, or a file an option names (the data file, a spec the stateful store
 * reads), is wrong: nothing was started. The CLI reports it in one line and exits 2, like a bad argument.
 */
export class MockOptionError extends Error {
  override name = "MockOptionError";
}
