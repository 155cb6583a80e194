import { createTheme } from '@mantine/core';

// UN blue for the primary colour; shades dark enough for AA contrast on white text.
export const theme = createTheme({
  primaryColor: 'unblue',
  primaryShade: 8,
  colors: {
    unblue: ['#e5f4fc', '#cde6f5', '#9dcbea', '#6aafdf', '#4097d6', '#2588d1', '#127fd0', '#006cb8', '#005a9e', '#004c87'],
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Noto Sans SC", Tahoma, sans-serif',
  defaultRadius: 'sm',
});
