/** A page that is one user's alone (a hold, a booking, staff data): no cache, shared or private, may keep it. */
export async function noStore(response: Response | Promise<Response>): Promise<Response> {
  const res = await response;
  res.headers.set('Cache-Control', 'no-store');
  return res;
}
