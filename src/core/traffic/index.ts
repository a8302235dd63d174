// The traffic module's public surface: trace model, tap, writer, reader, redaction.
export * from './traceEvents';
export * from './tap';
export * from './traceWriter';
export * from './traceReader';
export * from './redact';
export * from './pairing';
export * from './preview';
export * from './traceFileCheck';
