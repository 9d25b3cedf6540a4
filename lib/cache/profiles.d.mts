export declare const cacheProfiles: {
  readonly pages: { readonly revalidate: number; readonly expire: number };
  readonly hot: { readonly seconds: number };
  readonly images: { readonly seconds: number };
  readonly cards: { readonly seconds: number };
  readonly redirects: { readonly seconds: number };
  readonly memory: { readonly megabytes: number };
  readonly sharedCards: { readonly seconds: number };
  readonly nginx: {
    readonly publicFiles: number;
    readonly buildFiles: number;
    readonly idleCards: number;
  };
};
