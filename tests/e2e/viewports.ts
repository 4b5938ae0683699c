/** The widths the admin and sign-in tests run at: a laptop and a 390 px phone. */
export const viewports = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;
