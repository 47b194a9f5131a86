import type { DirectoryView } from '@maillage/core';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../../shared/api';
import type { Locale } from '../../shared/i18n';

/** A label of core's tables (`{ fr, en }`) in the interface's language. */
export function pick(locale: Locale, label: { readonly fr: string; readonly en: string }): string {
  return locale === 'en' ? label.en : label.fr;
}

/**
 * The error of one field of the problem's `errors[]`: `name` matches `body.name`, `name` and any
 * path below it (`body.customRoles.0`), so an error inside a list shows at the list.
 */
export function errorFor(error: ApiError | undefined, name: string): string | undefined {
  if (!error) return undefined;
  const found = error.fieldErrors.filter((e) =>
    [`body.${name}`, name].some((p) => e.field === p || e.field.startsWith(`${p}.`) || e.field.startsWith(`${p}[`)),
  );
  return found.length ? [...new Set(found.map((e) => e.message))].join(' ; ') : undefined;
}

/** The error of exactly that field (`body.content.leads` itself, not one of its rows). */
export function exactErrorFor(error: ApiError | undefined, name: string): string | undefined {
  const found = error?.fieldErrors.filter((e) => e.field === `body.${name}` || e.field === name) ?? [];
  return found.length ? [...new Set(found.map((e) => e.message))].join(' ; ') : undefined;
}

/** The message to show for a failed call (the offline case said in the interface's words). */
export function problemText(error: ApiError, offline: string, fixFields: string): string {
  if (error.code === 'offline') return offline;
  if (error.code === 'validation' && error.fieldErrors.length) return fixFields;
  return error.message;
}

/** Any thrown value as an ApiError (what the pages show). */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
}

/** Searches the ecosystem's directory (people and organisations of a territory). */
export function searchDirectory(q: string, territoryId: string | undefined): Promise<DirectoryView> {
  return request('GET /api/ecosystem/directory', { query: { q, limit: 10, ...(territoryId ? { territoryId } : {}) } });
}

const organisationNames = new Map<string, Promise<string>>();
/**
 * The names of organisations the sheet names by id (the ecosystem section keeps ids): each read
 * once from the ecosystem, the id shown while it loads or if it cannot be read.
 */
export function useOrganisationNames(ids: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let alive = true;
    for (const id of ids) {
      if (!organisationNames.has(id)) {
        organisationNames.set(
          id,
          request('GET /api/ecosystem/organisations/:id', { params: { id } }).then(
            (o) => o.name,
            () => {
              organisationNames.delete(id);
              return '';
            },
          ),
        );
      }
      void organisationNames.get(id)?.then((name) => {
        if (alive && name) setNames((n) => (n[id] === name ? n : { ...n, [id]: name }));
      });
    }
    return () => {
      alive = false;
    };
  }, [ids.join(',')]);
  return names;
}

/** Remembers an organisation's name the page already knows (picked from the directory). */
export function rememberOrganisation(id: string, name: string): void {
  organisationNames.set(id, Promise.resolve(name));
}

/** Announces a short message in the workspace's live region (saves, restores, answers). */
export const AnnounceContext = createContext<(message: string) => void>(() => {});
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
