import type { ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Field } from '../../shared/ui';
import { CommunePicker } from './commune-picker';
import type { TerritorySummaryView } from './types';

/** The official code and the communes of a quartier, QPV or ruralité area: shared by the create and edit pages. */
export function CodeAndCommunes(props: {
  code: string;
  onCode: (code: string) => void;
  communes: TerritorySummaryView[];
  onCommunes: (communes: TerritorySummaryView[]) => void;
  error: ApiError | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field
        label={t('territories.create.code')}
        hint={t('territories.create.codeHint')}
        name="code"
        maxLength={20}
        autoComplete="off"
        value={props.code}
        error={props.error?.forField('code')}
        onInput={(e) => props.onCode(e.currentTarget.value)}
      />
      <CommunePicker
        label={t('territories.create.communes')}
        hint={t('territories.create.communesHint')}
        error={props.error?.forField('communeIds')}
        chosen={props.communes}
        onChange={props.onCommunes}
      />
    </>
  );
}
