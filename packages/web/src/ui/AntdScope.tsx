import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import 'dayjs/locale/vi';

/**
 * Ant Design with MotCua's theme and the interface's language (vi_VN by default). Only screens
 * that use Ant Design sit inside it, so the portal's home loads without it.
 */
export function AntdScope({ theme, children }: { theme: ThemeConfig; children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider theme={theme} locale={i18n.language.startsWith('en') ? enUS : viVN}>
      <AntApp component={false}>{children}</AntApp>
    </ConfigProvider>
  );
}
