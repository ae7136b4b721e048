import { render } from 'preact';
import '../shared/page.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
