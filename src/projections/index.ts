export * from './readModels.js';
export { INDICATORS, indicatorById, type IndicatorDefinition } from './catalog.js';
export { compileProjection, loadProjection, PROJECTIONS_DIR, type ProjectionDefinition } from './dialect.js';
export { ProjectionEngine } from './engine.js';
export { DEFAULT_PROJECTIONS, ProjectionHost, openProjections, type ProjectionHostOptions } from './host.js';
export { RegistryReadModels } from './queries.js';
