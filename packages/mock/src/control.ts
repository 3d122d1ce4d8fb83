// The control route of the HTTP door (./server.ts), which startMock()'s handle (./index.ts) calls.
export const CONTROL_PREFIX = "/__trusthub-mock/";
/** The header that carries the run's secret. */
export const SECRET_HEADER = "x-trusthub-mock-secret";
