import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/i18n.js';
import { App } from './app/App.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
