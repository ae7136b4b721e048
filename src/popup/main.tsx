/** The popup's entry: draws the cached dashboard at once (no empty first frame), then the live one. */
import { render } from 'preact';
import '../shared/page.css';
import { t, uiLanguage } from '../shared/i18n';
import { readCachedDashboard } from '../shared/useDashboard';
import { App } from './App';

// index.html cannot ask chrome.i18n: its <title> and lang are set here.
document.title = t('extShortName');
document.documentElement.lang = uiLanguage();
void readCachedDashboard().then((cached) => render(<App cached={cached} />, document.getElementById('app')!));
