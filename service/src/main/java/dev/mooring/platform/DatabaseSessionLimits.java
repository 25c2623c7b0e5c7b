package dev.mooring.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Applies {@link DatabaseProperties} to every connection of the service's pool, before the pool opens. */
@Configuration(proxyBeanMethods = false)
class DatabaseSessionLimits {

    @Bean
    static BeanPostProcessor databaseSessionLimitsPostProcessor(ObjectProvider<DatabaseProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                        && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                    apply(pool, properties.getObject());
                }
                return bean;
            }
        };
    }

    static void apply(HikariDataSource pool, DatabaseProperties limits) {
        pool.setConnectionInitSql("set statement_timeout = " + limits.statementTimeout().toMillis()
                + "; set lock_timeout = " + limits.lockTimeout().toMillis()
                + "; set idle_in_transaction_session_timeout = " + limits.idleInTransactionTimeout().toMillis());
        long connectSeconds = Math.max(1, limits.connectTimeout().toSeconds());
        pool.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
        pool.addDataSourceProperty("loginTimeout", Long.toString(connectSeconds));
    }
}
