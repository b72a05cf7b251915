import { Outlet } from 'react-router';
import { portalTheme } from '../app/theme.js';
import { AntdScope } from '../ui/AntdScope.js';

/** The portal's screens past the home, with Ant Design in the portal's theme. */
export function PortalScope() {
  return (
    <AntdScope theme={portalTheme}>
      <Outlet />
    </AntdScope>
  );
}
