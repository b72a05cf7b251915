import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NotFound } from '../ui/NotFound.js';
import { DossierScreen } from './DossierScreen.js';

/** /xu-ly/ho-so/:id: the processing workspace of one dossier. */
export function DossierWorkspace() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) return <NotFound />;
  return (
    <DossierScreen
      id={id}
      title={t('workspace.dossierTitle')}
      back={{ to: '/xu-ly', label: t('workspace.backToLists') }}
    />
  );
}
