/** Where the API lives: used for routing and for the URLs responses point at. */
export const API_PREFIX = '/api/v1';

export const userUrl = (id: number) => `${API_PREFIX}/users/${id}`;
export const itemUrl = (id: number) => `${API_PREFIX}/items/${id}`;
