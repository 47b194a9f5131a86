import { useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import '../../shared/combobox.css';
import type { TerritorySummaryView } from './types';
import { useTerritorySearch } from './use-debounced-search';

/**
 * Chooses one or more communes: an ARIA 1.2 combobox (type, arrows, Enter) whose choices gather
 * in a list below, each with its own « Retirer » button. Announces additions and removals.
 */
export function CommunePicker({
  label,
  hint,
  error,
  chosen,
  onChange,
}: {
  label: string;
  hint: string;
  error?: string | undefined;
  chosen: TerritorySummaryView[];
  onChange(next: TerritorySummaryView[]): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announce, setAnnounce] = useState('');
  // Closing on blur waits for a click on an option; coming back to the field cancels it, so a
  // quick leave-and-return (the focus moved to the first error, then the person types) keeps the list.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reopen = () => {
    clearTimeout(closing.current);
    setOpen(true);
  };
  const result = useTerritorySearch(q, 'commune,arrondissement', 8, 150);
  const options = result.items.filter((o) => !chosen.some((c) => c.id === o.id));
  const expanded = open && options.length > 0 && q.trim() !== '';
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;

  const choose = (option: TerritorySummaryView) => {
    onChange([...chosen, option]);
    setAnnounce(t('territories.create.added', { name: option.label }));
    setQ('');
    setActive(-1);
    setOpen(false);
  };
  const remove = (option: TerritorySummaryView) => {
    onChange(chosen.filter((c) => c.id !== option.id));
    setAnnounce(t('territories.create.removed', { name: option.label }));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (e.key === 'Enter') {
      const option = options[Math.max(active, 0)];
      if (expanded && option) {
        e.preventDefault();
        choose(option);
      }
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  return (
    <div class="field commune-picker">
      <label for={id}>{label}</label>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      <div class="combobox">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
          value={q}
          onInput={(e) => {
            setQ(e.currentTarget.value);
            reopen();
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            closing.current = setTimeout(() => setOpen(false), 150);
          }}
          onFocus={reopen}
        />
        <div id={listId} role="listbox" tabIndex={-1} class="combobox-options" hidden={!expanded}>
          {options.map((option, i) => (
            // Keyboard choice happens on the input (arrows, Enter), as the ARIA combobox pattern wants.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard
            <div
              key={option.id}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={i === active ? 'true' : 'false'}
              class={i === active ? 'option active' : 'option'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(option)}
            >
              {option.label}
            </div>
          ))}
        </div>
      </div>
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {expanded ? t('territories.create.suggestions', { count: options.length }) : ''} {announce}
      </p>
      <p class="chosen-title">
        {chosen.length ? t('territories.create.chosen', { count: chosen.length }) : t('territories.create.noneChosen')}
      </p>
      {chosen.length > 0 && (
        <ul class="chosen">
          {chosen.map((c) => (
            <li key={c.id}>
              <span>{c.label}</span>
              <button type="button" class="btn btn-secondary btn-small" onClick={() => remove(c)}>
                {t('territories.create.remove', { name: c.label })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
