package io.upshift.notifier.email.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jakarta Mail finds the same StreamProvider by name as by its class-path scan. */
class StreamProviderByNameTest {

    private String before;

    @BeforeEach
    void rememberTheProperty() {
        before = System.getProperty(StreamProviderByName.PROPERTY);
        System.clearProperty(StreamProviderByName.PROPERTY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(StreamProviderByName.PROPERTY);
        } else {
            System.setProperty(StreamProviderByName.PROPERTY, before);
        }
    }

    @Test
    void namesTheProviderTheClassPathHolds() {
        String scanned = ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow().getClass().getName();

        String pinned = StreamProviderByName.pin();

        assertThat(pinned).isEqualTo(scanned);
        assertThat(System.getProperty(StreamProviderByName.PROPERTY)).isEqualTo(scanned);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(scanned);
    }

    @Test
    void leavesAProviderNamedByTheOperatorAlone() {
        String scanned = ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow().getClass().getName();
        System.setProperty(StreamProviderByName.PROPERTY, scanned);

        assertThat(StreamProviderByName.pin()).isEqualTo(scanned);
    }
}
