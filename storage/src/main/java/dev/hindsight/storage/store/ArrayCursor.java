package dev.hindsight.storage.store;

import dev.hindsight.storage.select.SampleCursor;

/** A cursor over filled {@link SampleArrays}, followed by an optional further cursor (the head). */
final class ArrayCursor implements SampleCursor {
    private final SampleArrays a;
    private final SampleCursor then;
    private int i = -1;
    private boolean inThen;
    private boolean current;

    ArrayCursor(SampleArrays a, SampleCursor then) {
        this.a = a;
        this.then = then;
    }

    @Override
    public boolean next() {
        if (!inThen) {
            if (i + 1 < a.n) {
                i++;
                current = true;
                return true;
            }
            inThen = true;
        }
        current = then != null && then.next();
        return current;
    }

    @Override
    public int next(long[] ts, double[] vs, int off, int max) {
        if (!inThen) {
            int k = Math.min(max, a.n - (i + 1));
            if (k > 0) {
                System.arraycopy(a.t, i + 1, ts, off, k);
                System.arraycopy(a.v, i + 1, vs, off, k);
                i += k;
                current = true;
                return k;
            }
        }
        return SampleCursor.super.next(ts, vs, off, max);
    }

    @Override
    public boolean hasCurrent() {
        return current;
    }

    @Override
    public long timestamp() {
        return inThen ? then.timestamp() : a.t[i];
    }

    @Override
    public double value() {
        return inThen ? then.value() : a.v[i];
    }
}
