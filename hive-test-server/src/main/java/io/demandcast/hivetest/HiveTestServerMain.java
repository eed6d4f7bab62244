package io.demandcast.hivetest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.jdo.PersistenceManager;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.PersistenceManagerProvider;
import org.apache.hive.service.server.HiveServer2;
import org.datanucleus.api.jdo.JDOPersistenceManagerFactory;
import org.datanucleus.store.schema.SchemaAwareStoreManager;

/**
 * The child JVM's main class: a throwaway HiveServer2 on 127.0.0.1 with an embedded metastore in a
 * Derby database, local MapReduce and the local filesystem, everything under one work directory.
 *
 * <p>Arguments: {@code <port> <workDir>}. Prints {@value #READY} followed by the port on standard
 * output once the server accepts connections. Exits when standard input reaches end of file (the
 * parent JVM died or closed it) or on SIGTERM, stopping the server first.
 *
 * <p>Started by connectors' {@code HiveServerProcess}; runnable by hand too, with the class path in
 * {@code hive-test-server/target/hive-server.classpath} and the {@code --add-opens} flags of
 * {@code HiveServerProcess.JVM_FLAGS}.
 */
public final class HiveTestServerMain {

  /** The line (followed by a space and the port) printed when the server accepts connections. */
  public static final String READY = "HIVESERVER2 READY";

  private HiveTestServerMain() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    if (args.length != 2) {
      System.err.println("usage: HiveTestServerMain <port> <workDir>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path workDir = Path.of(args[1]).toAbsolutePath().normalize();
    Files.createDirectories(workDir);

    // Derby writes derby.log into the working directory unless told otherwise
    System.setProperty("derby.stream.error.file", workDir.resolve("derby.log").toString());

    Map<String, String> settings = settings(port, workDir);
    // Hive, the metastore and MapReduce make new HiveConf/JobConf objects of their own in places
    // (sessions, tasks, the local job runner): a hive-site.xml that every new HiveConf reads keeps
    // them all on these settings, not just the HiveConf handed to HiveServer2.
    Path hiveSite = writeHiveSite(workDir, settings);
    HiveConf.setHiveSiteLocation(hiveSite.toUri().toURL());
    HiveConf conf = new HiveConf();
    settings.forEach(conf::set);

    createMetastoreSchema(conf);

    HiveServer2 server = new HiveServer2();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.stop();
                  } catch (RuntimeException e) {
                    System.err.println("HiveServer2 stop failed: " + e);
                  }
                },
                "hiveserver2-shutdown"));

    server.init(conf);
    server.start();
    // start() returns before the binary Thrift service (its own thread) listens: wait for it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!accepts(port)) {
      if (System.nanoTime() > deadline) {
        System.err.println("HiveServer2 did not listen on 127.0.0.1:" + port + " within 120 s");
        System.exit(1);
      }
      Thread.sleep(100);
    }
    System.out.printf(
        "%s %d (started in %.1f s)%n", READY, port, (System.nanoTime() - t0) / 1e9);
    System.out.flush();

    // The parent holds our standard input open while it lives: end of file means it is gone (or
    // asks us to stop), so a crashed test run leaves no server behind.
    InputStream in = System.in;
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // nothing: the parent never writes
    }
    System.exit(0); // runs the shutdown hook
  }

  /**
   * The server's settings. Hive 4's defaults assume a cluster (Tez, HDFS, ACID, ZooKeeper,
   * background services); these make it a single-process server that forgets everything with
   * its work directory.
   */
  static Map<String, String> settings(int port, Path workDir) {
    String dir = workDir.toString();
    Map<String, String> s = new LinkedHashMap<>();

    // --- the metastore: embedded (no hive.metastore.uris), in a Derby database in the work dir
    s.put("hive.metastore.uris", "");
    s.put(
        "javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + dir + "/metastore_db;create=true");
    s.put("javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
    // the Hive jars do not ship the schema scripts schematool uses: DataNucleus creates the
    // tables from its mappings (all of them before the server starts: createMetastoreSchema), and
    // nobody checks the schema version against the jars
    s.put("datanucleus.schema.autoCreateAll", "true");
    s.put("hive.metastore.schema.verification", "false");
    s.put("metastore.schema.verification", "false");
    // Hive 4's default transformer turns a managed non-ACID table into an EXTERNAL one with
    // 'external.table.purge'; empty keeps CREATE TABLE what it says (plain managed tables)
    s.put("metastore.metadata.transformer.class", "");
    // background metastore threads (housekeeping, compaction, event cleanup) have nothing to do
    s.put("metastore.housekeeping.threads.on", "false");
    s.put("hive.compactor.initiator.on", "false");
    s.put("hive.metastore.event.db.notification.api.auth", "false");

    // --- storage: the local filesystem, every directory under the work dir
    s.put("fs.defaultFS", "file:///");
    s.put("hive.metastore.warehouse.dir", "file://" + dir + "/warehouse");
    s.put("hive.metastore.warehouse.external.dir", "file://" + dir + "/warehouse-external");
    s.put("metastore.warehouse.dir", "file://" + dir + "/warehouse");
    s.put("metastore.warehouse.external.dir", "file://" + dir + "/warehouse-external");
    s.put("hive.exec.scratchdir", dir + "/scratch");
    s.put("hive.exec.local.scratchdir", dir + "/local-scratch");
    s.put("hive.downloaded.resources.dir", dir + "/resources");
    s.put("hive.querylog.location", dir + "/querylog");
    s.put("hive.server2.logging.operation.log.location", dir + "/operation-logs");
    s.put("hadoop.tmp.dir", dir + "/hadoop-tmp");
    s.put("mapreduce.jobtracker.staging.root.dir", dir + "/mapred-staging");
    s.put("mapreduce.cluster.local.dir", dir + "/mapred-local");

    // --- HiveServer2: binary Thrift on 127.0.0.1:<port>, no authentication, no web UI
    s.put("hive.server2.thrift.bind.host", "127.0.0.1");
    s.put("hive.server2.thrift.port", Integer.toString(port));
    s.put("hive.server2.transport.mode", "binary");
    s.put("hive.server2.authentication", "NONE");
    // queries run as the server's user, not the (unauthenticated) client's: no impersonation setup
    s.put("hive.server2.enable.doAs", "false");
    s.put("hive.server2.webui.port", "0"); // <= 0 disables the web UI (and its port)
    s.put("hive.server2.thrift.min.worker.threads", "2");
    // no ZooKeeper: no service discovery, no HA, no Tez session pool
    s.put("hive.server2.support.dynamic.service.discovery", "false");
    s.put("hive.server2.active.passive.ha.enable", "false");
    s.put("hive.server2.tez.initialize.default.sessions", "false");
    // background services HS2 starts by default: the materialized view registry loads every view
    // from the metastore on a thread, the scheduled query executor polls the metastore, the
    // results cache would answer a repeated SELECT from a copy of an earlier result
    s.put("hive.server2.materializedviews.registry.impl", "DUMMY");
    s.put("hive.scheduled.queries.executor.enabled", "false");
    s.put("hive.query.results.cache.enabled", "false");
    // HS2's metastore-client cache would keep table and partition metadata between statements
    s.put("hive.metastore.client.cache.v2.enabled", "false");
    s.put("hive.notification.event.poll.interval", "0s");
    // no progress chatter ("Launching Job 1 out of 1", reducer hints) on the server's stdout, i.e.
    // in hiveserver2.log, for every statement
    s.put("hive.session.silent", "true");

    // --- execution: MapReduce in this JVM (Hive 4's default engine is Tez, not on the class path)
    s.put("hive.execution.engine", "mr");
    s.put("mapreduce.framework.name", "local");
    // Hive would start a `hadoop jar` child process for map-join hash table builds (there is no
    // hadoop command here): run them in this JVM, like the MapReduce tasks (hive.exec.submitviachild
    // is false by default)
    s.put("hive.exec.submit.local.task.via.child", "false");
    s.put("hive.exec.submitviachild", "false");
    // Hive polls a running job's status this often (default 1 s): with local jobs of a few
    // rows that wait was most of each statement (INSERT ... VALUES 1.5 s -> 0.55 s)
    s.put("hive.exec.counters.pull.interval", "50");
    // small buffers: several local tasks may run at once in a 1 GB heap
    s.put("mapreduce.task.io.sort.mb", "16");
    // one split per file: with the default CombineHiveInputFormat, a MapReduce job over a TEXTFILE
    // table with 'skip.header.line.count' counts the header of every file but one as a row
    // (SELECT count(*) over two CSV files of 2 and 1 rows gave 5; plain SELECT, a fetch task
    // without MapReduce, gave the 3 rows)
    s.put("hive.input.format", "org.apache.hadoop.hive.ql.io.HiveInputFormat");

    // --- plain (non-ACID) managed tables: no locks, no transactions
    s.put("hive.support.concurrency", "false");
    s.put("hive.txn.manager", "org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager");
    s.put("hive.create.as.acid", "false");
    s.put("hive.create.as.insert.only", "false");
    s.put("metastore.create.as.acid", "false");
    s.put("hive.strict.managed.tables", "false");
    // statistics gathering after each INSERT costs an extra job per statement: not needed
    s.put("hive.stats.autogather", "false");
    s.put("hive.stats.column.autogather", "false");
    // INSERT ... PARTITION (col) without a static value
    s.put("hive.exec.dynamic.partition", "true");
    s.put("hive.exec.dynamic.partition.mode", "nonstrict");
    return s;
  }

  /**
   * Creates every metastore table in the Derby database up front. With {@code
   * datanucleus.schema.autoCreateAll} alone DataNucleus creates a table the first time its JDO class
   * is used, but the metastore's direct SQL (its fast path, used before JDO) queries tables such as
   * FUNCS, TBLS or PART_COL_STATS before that: each such query fails with a stack trace in the log
   * and falls back to JDO. (Hive's schematool scripts, the usual way, are not in the Hive jars.)
   */
  private static void createMetastoreSchema(HiveConf conf) throws IOException {
    // the metastore's own PersistenceManagerFactory, with the DataNucleus settings it uses (value
    // generation, identifier factory, ...): later the metastore reuses it
    PersistenceManagerProvider.updatePmfProperties(conf);
    PersistenceManager pm = PersistenceManagerProvider.getPersistenceManager();
    try {
      JDOPersistenceManagerFactory pmf =
          (JDOPersistenceManagerFactory) pm.getPersistenceManagerFactory();
      ((SchemaAwareStoreManager) pmf.getNucleusContext().getStoreManager())
          .createSchemaForClasses(metastoreModelClasses(), new Properties());
    } finally {
      pm.close();
    }
  }

  /** The classes the metastore's JDO mapping ({@code package.jdo}, in hive-exec's jar) maps. */
  private static Set<String> metastoreModelClasses() throws IOException {
    String mapping;
    try (InputStream in = HiveTestServerMain.class.getClassLoader().getResourceAsStream("package.jdo")) {
      if (in == null) {
        throw new IOException("package.jdo (the metastore's JDO mapping) is not on the class path");
      }
      mapping = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> classes = new TreeSet<>();
    Matcher pkg = Pattern.compile("<package\\s+name=\"([^\"]+)\"").matcher(mapping);
    Matcher cls = Pattern.compile("<class\\s+name=\"([^\"]+)\"").matcher(mapping);
    String packageName = pkg.find() ? pkg.group(1) : "";
    while (cls.find()) {
      classes.add(packageName.isEmpty() ? cls.group(1) : packageName + "." + cls.group(1));
    }
    if (classes.isEmpty()) {
      throw new IOException("package.jdo names no classes");
    }
    return classes;
  }

  private static Path writeHiveSite(Path workDir, Map<String, String> settings) throws IOException {
    Configuration site = new Configuration(false);
    settings.forEach(site::set);
    Path confDir = Files.createDirectories(workDir.resolve("conf"));
    Path file = confDir.resolve("hive-site.xml");
    try (OutputStream out = Files.newOutputStream(file)) {
      site.writeXml(out);
    }
    return file;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
