/**
 * `true` when `Listed` names every value of `All`. The web keeps its own lists of core's values
 * (in the order its forms and pages show them); with `satisfies readonly All[]` on the list and
 * a `const _all: ListsAll<All, (typeof list)[number]> = true`, a value core adds or renames fails
 * the type check until the list follows.
 */
export type ListsAll<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
