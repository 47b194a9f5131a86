// The mixing capability is reached through core's public surface once packages/core/src/index.ts
// re-exports it; until then this single file points at the capability's own index.
export * from '../../../../packages/core/src/mixing/index';
export { writeCsv } from '@maillage/core';
