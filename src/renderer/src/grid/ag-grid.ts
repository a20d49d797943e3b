import { AllCommunityModule, colorSchemeDark, ModuleRegistry, themeQuartz } from 'ag-grid-community';

/**
 * ag-grid set-up shared by the blotter and the positions grid: the Community modules registered once,
 * and the Theming API's Quartz theme in its dark colour scheme, tightened for a dense trading screen.
 * The theme's CSS is injected by ag-grid as <style> elements, which the CSP allows (style-src 'unsafe-inline').
 */
ModuleRegistry.registerModules([AllCommunityModule]);

/** The grids' theme: Quartz, dark, compact rows, the terminal's background and monospace figures. */
export const floorGridTheme = themeQuartz.withPart(colorSchemeDark).withParams({
  backgroundColor: '#0d1117',
  foregroundColor: '#c9d1d9',
  headerBackgroundColor: '#161b22',
  headerTextColor: '#8b949e',
  borderColor: '#21262d',
  oddRowBackgroundColor: '#111722',
  rowHoverColor: '#1a2230',
  accentColor: '#58a6ff',
  fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif',
  fontSize: 12,
  headerFontSize: 11,
  rowHeight: 24,
  headerHeight: 26,
  spacing: 4,
  cellHorizontalPadding: 8,
  wrapperBorderRadius: 0,
  wrapperBorder: false,
});

/**
 * Cell classes of a numeric column: monospace tabular figures, right-aligned. A column's own `cellClass`
 * replaces the one its `type: 'rightAligned'` brings, so the alignment class is named here as well.
 */
export const NUMERIC_CELL = ['cell-mono', 'ag-right-aligned-cell'];
