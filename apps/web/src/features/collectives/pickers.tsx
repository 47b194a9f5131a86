import { useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { type ComboOption, SearchCombobox } from '../events/search-combobox';
import { searchDirectory } from './common';

/** A person or an organisation picked from the ecosystem's directory. */
export interface Picked {
  readonly id: string;
  readonly name: string;
  readonly detail: string | null;
}

/**
 * Picks a person (or an organisation) of the ecosystem by typing part of the name: the
 * directory's suggestions in an ARIA combobox; each choice is handed over and the field empties,
 * ready for the next one. `freeText` keeps a typed name that is not in the directory.
 */
export function DirectoryPicker({
  what,
  label,
  hint,
  name,
  territoryId,
  exclude = [],
  onPick,
  freeText,
  error,
}: {
  what: 'people' | 'organisations';
  label: string;
  hint?: string;
  name: string;
  territoryId: string | undefined;
  exclude?: readonly string[];
  onPick(picked: Picked): void;
  /** Label of the option that keeps the typed name (the picked id is then empty). */
  freeText?: string;
  error?: string | undefined;
}) {
  const [text, setText] = useState('');
  const search = async (q: string): Promise<ComboOption[]> => {
    const found = await searchDirectory(q, territoryId);
    const skip = new Set(exclude);
    return what === 'people'
      ? found.people
          .filter((p) => !skip.has(p.id))
          .map((p) => ({ id: p.id, label: p.name, detail: p.organisations.join(', ') || p.function }))
      : found.organisations.filter((o) => !skip.has(o.id)).map((o) => ({ id: o.id, label: o.name, detail: o.commune }));
  };
  return (
    <SearchCombobox
      label={label}
      {...(hint ? { hint } : {})}
      name={name}
      value={text}
      chosen={null}
      onText={setText}
      onChoose={(option) => {
        if (option) onPick({ id: option.id, name: option.label, detail: option.detail ?? null });
        else if (freeText && text.trim()) onPick({ id: '', name: text.trim(), detail: null });
        setText('');
      }}
      search={search}
      {...(freeText ? { freeText } : {})}
      error={error}
    />
  );
}

/** The people chosen so far, each with a button to take them off the list. */
export function PickedList({ items, onRemove, label }: { items: readonly Picked[]; onRemove(id: string): void; label: string }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul class="picked" aria-label={label}>
      {items.map((p) => (
        <li key={p.id}>
          <span>
            {p.name}
            {p.detail && <span class="hint"> — {p.detail}</span>}
          </span>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => onRemove(p.id)}>
            {t('collectives.pick.remove', { name: p.name })}
          </button>
        </li>
      ))}
    </ul>
  );
}
