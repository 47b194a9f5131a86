// The mixing capability, through core's public surface.
export * from '@maillage/core';
