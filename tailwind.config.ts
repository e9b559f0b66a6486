// Tailwind v4 is configured in CSS (app/globals.css); this file is loaded from there with
// `@config` and only holds what is easier to read as data: where classes live, the dark-mode
// strategy and the brand palette.
import type { Config } from "tailwindcss";

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  // The theme is chosen by the user (light / dark / system) and applied as a `dark` class on
  // <html> before first paint, so dark mode follows that class rather than the media query.
  darkMode: "class",
  theme: {
    extend: {
      colors: {
        // A civic blue. 600 carries white text at > 4.5:1; 300/400 read well on dark surfaces.
        brand: {
          50: "#eef4ff",
          100: "#dce7fe",
          200: "#c0d4fd",
          300: "#94b6fb",
          400: "#6490f7",
          500: "#416cf1",
          600: "#2b4fe5",
          700: "#233dcc",
          800: "#2234a5",
          900: "#223282",
          950: "#18204f",
        },
      },
    },
  },
};

export default config;
