/** Library entry: `createEngine` and the types callers need. */
export { createEngine } from './create-engine.ts';
export type { CreateEngineOptions, WordmillEngine } from './create-engine.ts';
export type { Engine, EngineStats, MapOutcome } from './engine.ts';
export type { EngineOptions } from './config.ts';
export type { Job, JobInput, JobInputSource, JobResult } from './dispatch/job.ts';
export type { EngineEvents } from './events.ts';
export * from './errors.ts';
export type { ResultSink } from './sinks/result-sink.ts';
export type { StopwordSpec, TaskName, TopWord, WordcountOptions } from './protocol.ts';
