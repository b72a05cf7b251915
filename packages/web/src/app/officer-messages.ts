/**
 * The officers' areas' texts, added to i18next when the first officer screen loads (imported for
 * its effect by OfficerLayout and OfficerSignIn): they stay out of the portal's first load.
 */
import * as admin from '../admin/messages.js';
import * as desk from '../desk/messages.js';
import * as feedback from '../feedback/messages.js';
import * as monitoring from '../monitoring/messages.js';
import * as workspace from '../workspace/messages.js';
import i18n from './i18n.js';

const bundles = {
  vi: {
    desk: desk.vi,
    workspace: workspace.vi,
    admin: admin.vi,
    monitoring: monitoring.vi,
    feedback: feedback.vi,
  },
  en: {
    desk: desk.en,
    workspace: workspace.en,
    admin: admin.en,
    monitoring: monitoring.en,
    feedback: feedback.en,
  },
};
for (const [lang, bundle] of Object.entries(bundles))
  i18n.addResourceBundle(lang, 'translation', bundle, true, false);
