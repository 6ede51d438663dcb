package org.tocsin.subscriptions.subscriber;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a change in a transaction of its own, again (up to three times) when it lost a race: a
 * deadlock, a lock it could not get, or a contact verified at the same moment by two
 * subscribers (the unique index on verified addresses refuses the second).
 */
@Component
class SubscriberTransactions {

  private final TransactionTemplate transactions;
  private final RetryTemplate retry;

  SubscriberTransactions(PlatformTransactionManager transactionManager) {
    this.transactions = new TransactionTemplate(transactionManager);
    this.retry = new RetryTemplate(RetryPolicy.builder()
        .includes(ConcurrencyFailureException.class, DuplicateKeyException.class)
        .maxRetries(3)
        .delay(Duration.ofMillis(20))
        .jitter(Duration.ofMillis(10))
        .build());
  }

  <T> T run(Supplier<T> change) {
    return retry.invoke(() -> transactions.execute(status -> change.get()));
  }
}
