import type { ComponentChildren, InputHTMLAttributes, TargetedEvent } from 'preact';
import { Button } from '../../shared/ui';

/**
 * The pieces of the call editor's repeated lists (priorities, referents, calendar steps,
 * co-funders): a row is a few labelled fields, a button removes it, a button adds a blank one.
 */

let keySeed = 0;
/** A key for a row that the server has not seen yet (and for the rows read from it). */
export const rowKey = () => `k${++keySeed}`;

export interface KeyedRow {
  key: string;
}

/** A labelled text input. */
export function TextField({
  id,
  label,
  value,
  onValue,
  type,
  inputMode,
  invalid,
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  type?: 'text' | 'email' | 'tel' | 'date';
  inputMode?: 'numeric' | 'decimal';
  invalid?: boolean;
  maxLength?: number;
}) {
  // Preact types each input `type` apart; the one field serves four of them.
  const attributes = {
    id,
    type: type ?? 'text',
    inputMode,
    maxLength,
    value,
    'aria-invalid': invalid ? 'true' : undefined,
    onInput: (e: TargetedEvent<HTMLInputElement>) => onValue(e.currentTarget.value),
  } as InputHTMLAttributes<HTMLInputElement>;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input {...attributes} />
    </div>
  );
}

/** A labelled select over a list of values and their labels. */
export function SelectField<V extends string>({
  id,
  label,
  value,
  options,
  onValue,
}: {
  id: string;
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onValue(value: V): void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onValue(e.currentTarget.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Editable rows: each row's fields (given `patch` for that row), titled when `title` says so, a
 * remove button per row and an add button that appends `blank()`.
 */
export function RowList<T extends KeyedRow>({
  rows,
  setRows,
  blank,
  addLabel,
  removeLabel,
  title,
  as = 'div',
  rowClass = 'row-fields card',
  children,
}: {
  rows: readonly T[];
  setRows(update: (rows: T[]) => T[]): void;
  blank(): T;
  addLabel: string;
  removeLabel: string;
  /** The row's heading: a paragraph in a div, the legend of a fieldset. */
  title?(row: T, index: number): string;
  as?: 'div' | 'fieldset';
  rowClass?: string;
  children(row: T, index: number, patch: (p: Partial<T>) => void): ComponentChildren;
}) {
  const patchOf = (k: string) => (p: Partial<T>) => setRows((rs) => rs.map((r) => (r.key === k ? { ...r, ...p } : r)));
  const Row = as;
  return (
    <>
      {rows.map((row, i) => (
        <Row key={row.key} class={rowClass}>
          {title && (as === 'fieldset' ? <legend>{title(row, i)}</legend> : <p class="row-title">{title(row, i)}</p>)}
          {children(row, i, patchOf(row.key))}
          <Button type="button" variant="secondary" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>
            {removeLabel}
          </Button>
        </Row>
      ))}
      <Button type="button" variant="secondary" onClick={() => setRows((rs) => [...rs, blank()])}>
        {addLabel}
      </Button>
    </>
  );
}
