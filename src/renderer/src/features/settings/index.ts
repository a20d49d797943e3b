export * from './SettingsDrawer';
export * from './api-key-form';
export * from './bars-import';
export * from './profile-form';
export * from './profile-units';
export * from './gateway-form';
