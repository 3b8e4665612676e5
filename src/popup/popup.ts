import browser from 'webextension-polyfill';

const app = document.getElementById('app');
if (app) app.textContent = browser.i18n.getMessage('extName');
