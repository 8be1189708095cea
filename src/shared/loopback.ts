// Which host names mean "this machine". Used where an endpoint without login must only talk to
// local tools: the local page's Host check and bind address, and Teams without CLIENT_ID.

/**
 * True for localhost, 127.0.0.0/8 and ::1 (with or without brackets, as URL.hostname and Host
 * headers write it). Names under .localhost are left out on purpose: a resolver need not map them
 * to this machine, and the Teams guard must never send to an address it cannot vouch for.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}
