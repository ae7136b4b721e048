/** The options page's entry: the shared page style and the options app. */
import { render } from 'preact';
import '../shared/page.css';
import { t, uiLanguage } from '../shared/i18n';
import { App } from './App';

// index.html cannot ask chrome.i18n: its <title> and lang are set here.
document.title = t('optionsTitle');
document.documentElement.lang = uiLanguage();
render(<App />, document.getElementById('app')!);
