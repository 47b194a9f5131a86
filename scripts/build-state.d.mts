/** A French sentence saying what of `npm run build`'s output is missing or out of date, or undefined. */
export function staleBuild(root: string): string | undefined;
