import { SETTINGS_KEY } from './settings';

/**
 * Runs inline in <head> before the first paint (app/layout.tsx): sets `<html data-theme>` from the
 * stored setting or the system's preference, the same rule as resolveTheme in use-applied-theme.ts.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var t=(JSON.parse(localStorage.getItem(${JSON.stringify(SETTINGS_KEY)})||'{}')||{}).theme;` +
  `if(t!=='light'&&t!=='dark')t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';` +
  `document.documentElement.dataset.theme=t;document.documentElement.style.colorScheme=t}catch(e){}})()`;
