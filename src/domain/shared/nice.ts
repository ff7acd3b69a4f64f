import { z } from 'zod';

/** Nice Classification: classes 1–34 are goods, 35–45 services. */
export const niceClassSchema = z
  .int({ error: 'a Nice class must be a whole number from 1 to 45' })
  .min(1, {
    error: 'a Nice class must be a whole number from 1 to 45',
  })
  .max(45, { error: 'a Nice class must be a whole number from 1 to 45' });

export type NiceClass = z.infer<typeof niceClassSchema>;

export const isGoodsClass = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 34;
export const isServiceClass = (n: number): boolean => Number.isInteger(n) && n >= 35 && n <= 45;
