export * from './SettingsDrawer';
export * from './bars-import';
export * from './profile-form';
export * from './profile-units';
