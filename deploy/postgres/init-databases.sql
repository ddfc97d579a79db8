-- One database per service: services never share tables.
create database planner;
create database notifier;
-- The simulated fleet's world (only used when executors run with upshift.executor.gateway=simulated).
create database fleet;
