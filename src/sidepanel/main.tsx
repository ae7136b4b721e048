/** The side panel's entry: draws the cached dashboard at once (no empty first frame), then the live one. */
import { render } from 'preact';
import '../shared/page.css';
import { readCachedDashboard } from '../shared/useDashboard';
import { App } from './App';

void readCachedDashboard().then((cached) => render(<App cached={cached} />, document.getElementById('app')!));
