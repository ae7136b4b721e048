/** The options page's entry: the shared page style and the options app. */
import { render } from 'preact';
import '../shared/page.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
