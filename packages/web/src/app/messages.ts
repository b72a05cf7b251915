/** The shape every language's messages must have: the Vietnamese ones, with every text a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
