import { tOr } from '../common/i18n';

/** A small, non-blocking "checked" note; it never takes focus and disappears by itself. */
export function showNotice(text: string): void {
  const host = document.createElement('upload-guard-notice');
  host.setAttribute(
    'style',
    'all: initial !important; position: fixed !important; right: 16px !important; bottom: 16px !important; z-index: 2147483647 !important; pointer-events: none !important;',
  );
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.textContent = text;
  box.setAttribute(
    'style',
    'font: 14px/1.4 system-ui, sans-serif; color: #0b3d2e; background: #e8f5ee; border: 1px solid #5fa783; border-radius: 8px; padding: 10px 14px; box-shadow: 0 2px 8px rgba(0,0,0,.15); max-width: 320px;',
  );
  root.append(box);
  document.documentElement.append(host);
  setTimeout(() => host.remove(), 4000);
}

export const noticeText = (key: 'noticeChecked' | 'noticeProtected'): string => tOr(key, 'Upload Guard checked this photo.');
