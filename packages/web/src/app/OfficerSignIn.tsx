import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { AntdScope } from '../ui/AntdScope.js';
import { errorText } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { call, client } from './api.js';
import { LanguageSwitch } from './PortalLayout.js';
import { type OfficerProfile, officerKey, rolesOf, useOfficer } from './session.js';
import { officerTheme } from './theme.js';
import './officer-messages.js';

/** Where an officer starts: the counter for receiving officers, administration for admins, else the worklists. */
export function homeOf(p: OfficerProfile): string {
  const roles = rolesOf(p);
  if (roles.has('receiving_officer')) return '/mot-cua/tiep-nhan';
  if (roles.size === 1 && roles.has('admin')) return '/quan-tri';
  return '/xu-ly';
}

/** Only paths of this app: `next` comes from the address bar and must not send the officer elsewhere. */
const safeNext = (next: string | null) => (next && /^\/(?!\/)/.test(next) ? next : null);

export function OfficerSignIn() {
  const { t, i18n } = useTranslation();
  const me = useOfficer();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      call(client.POST('/api/v1/auth/login', { body })),
    onSuccess: async () => {
      const profile = await qc.fetchQuery({ queryKey: officerKey, staleTime: 0 });
      navigate(safeNext(params.get('next')) ?? homeOf(profile as OfficerProfile), { replace: true });
    },
  });

  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to={safeNext(params.get('next')) ?? homeOf(me.data)} replace />;

  return (
    <AntdScope theme={officerTheme}>
      <main id="main" className="signin-page">
        <Card className="signin-card">
          <div className="signin-top">
            <span className="brand">{t('brand')}</span>
            <LanguageSwitch />
          </div>
          <PageTitle text={t('nav.officerSignIn')} />
          <Form
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => login.mutate(v)}
            disabled={login.isPending}
          >
            <Form.Item
              label={t('officer.username')}
              name="username"
              rules={[{ required: true, message: t('officer.usernameRequired') }]}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t('officer.password')}
              name="password"
              rules={[{ required: true, message: t('officer.passwordRequired') }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            {login.isError && (
              <Alert
                type="error"
                role="alert"
                showIcon
                title={errorText(login.error, t, i18n.language)}
                style={{ marginBottom: 16 }}
              />
            )}
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {login.isPending ? t('officer.signingIn') : t('officer.signIn')}
            </Button>
          </Form>
        </Card>
      </main>
    </AntdScope>
  );
}
