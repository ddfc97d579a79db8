package io.upshift.planner.inventory.importing;

import io.upshift.planner.inventory.domain.ImportTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes an upload through and stops it once it is larger than allowed. */
final class LimitedInputStream extends FilterInputStream {

    private final long maxBytes;
    private long read;

    LimitedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long bytes) {
        read += bytes;
        if (read > maxBytes) {
            throw new ImportTooLargeException("the upload is larger than " + maxBytes + " bytes "
                    + "(upshift.planner.inventory.imports.max-size); split it into several imports");
        }
    }
}
