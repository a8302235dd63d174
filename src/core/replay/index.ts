// The replay module's public surface: verify, diff, mock, the comparison rules and the trace index.
export * from './jsonPath';
export * from './compareRules';
export * from './structuralCompare';
export * from './recordedSession';
export * from './replayTarget';
export * from './replayer';
export * from './verify';
export * from './verifyReportFormat';
export * from './workbenchConfig';
export * from './traceDiff';
export * from './traceDiffFormat';
export * from './mockServer';
export * from './traceIndex';
export * from './recordingFolder';
